// One catalogue per language from the core and the parts (parts/<area>.<language>.json). Each part
// brings top-level keys of its own; a key that two files both bring is a mistake, refused loudly
// (test/browser/catalogues.test.ts checks the same on disk).

export type Catalogue = Record<string, unknown>;

/** `parts` maps a file's path (…/<area>.<language>.json) to its contents. */
export function mergeCatalogues(
  core: Catalogue,
  parts: Record<string, Catalogue>,
  language: string,
): Catalogue {
  const merged: Catalogue = { ...core };
  for (const [file, part] of Object.entries(parts)) {
    if (!file.endsWith(`.${language}.json`)) continue;
    for (const [key, value] of Object.entries(part)) {
      if (key in merged) throw new Error(`i18n: the key "${key}" of ${file} is already in the catalogue`);
      merged[key] = value;
    }
  }
  return merged;
}
