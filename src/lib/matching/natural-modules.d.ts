// Modules of `natural` imported from their files: the top-level `natural` import is slow and
// pulls storage drivers. Only what this project uses is typed.
declare module "natural/lib/natural/stemmers/porter_stemmer_fr" {
  const PorterStemmerFr: { stem(token: string): string };
  export default PorterStemmerFr;
}

declare module "natural/lib/natural/tfidf/tfidf" {
  class TfIdf {
    addDocument(document: string | string[], key?: string): void;
    tfidfs(terms: string | string[], callback?: (index: number, measure: number, key?: string) => void): number[];
  }
  export default TfIdf;
}
