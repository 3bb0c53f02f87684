// What a client sees of a student's academic record (Secretaría's figures); documents
// (certificates, activities) are not part of it.
import type { StoredStudent } from "../../db/repositories/students.ts";
import type { StudentView } from "../../schemas/responses/student.ts";

export {
  type StudentView,
  studentSchema,
} from "../../schemas/responses/student.ts";

export const presentStudent = ({ record, degree, email }: StoredStudent): StudentView => ({
  ...record,
  name: record.name ?? null,
  email,
  degree,
  gender: record.gender ?? null,
  disability: record.disability ?? null,
  disadvantaged: record.disadvantaged ?? null,
});
