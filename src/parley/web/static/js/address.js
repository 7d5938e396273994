// The dashboard's addresses (#/articles, #/article/ID): read here, in one place, so ids keep every character.

/** The page and id a hash names: the hash is split on "/" before its parts are decoded, so an id's own "/"
 * (written %2F by the links) stays in the id; an id written with a bare "/" is taken whole too. Throws URIError
 * for a part that does not decode (a hand-edited or truncated link). */
export function parseHash(hash) {
  const [, page = "", ...rest] = hash.replace(/^#/, "").split("/");
  return { page: decodeURIComponent(page), id: rest.length ? decodeURIComponent(rest.join("/")) : "" };
}

/** The hash of an article's page. */
export function articleHash(id) {
  return `#/article/${encodeURIComponent(id)}`;
}
