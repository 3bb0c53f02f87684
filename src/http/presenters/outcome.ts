// The outcome of scoring and award (schemas/outcome.schema.json), as the engine gives it.
export { outcomeSchema } from "../../schemas/responses/outcome.ts";
