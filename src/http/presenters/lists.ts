// Runs of the engine, what changed between two, and the published lists (public and own views).

export {
  ownListViewSchema,
  publicationSchema,
  publicationSummarySchema,
  publicEntrySchema,
  publicListSchema,
  runChangesSchema,
  runSchema,
  runWithOutcomeSchema,
} from "../../schemas/responses/lists.ts";

/** Drops what the public schema does not show (who published it, by id). */
export const presentPublication = <T extends { publishedBy?: unknown }>(p: T): Omit<T, "publishedBy"> => {
  const { publishedBy: _who, ...rest } = p;
  return rest;
};
