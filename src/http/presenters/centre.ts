// Centres and degrees as a client sees them: names in Spanish and English.
export {
  centreSchema,
  degreeSchema,
} from "../../schemas/responses/centre.ts";
