/** A translation with exactly the keys of the source (Chinese) one: nothing missing, nothing extra. */
export type TranslationOf<T> = {
  [K in keyof T]: T[K] extends string ? string : TranslationOf<T[K]>;
};

/** Every dotted key of a translation object: 'title', 'form.email', … */
export type KeyOf<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${KeyOf<T[K]>}`;
}[keyof T & string];
