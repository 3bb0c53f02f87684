// Reads a multipart/form-data upload: its text fields and its one file, streamed into the file
// store's temporary area (never held whole in memory). The use case decides whether it is kept.
import type { FastifyRequest } from "fastify";
import { AppError } from "../../errors.ts";
import { type FileStore, FileTooLargeError, type StagedFile } from "../../files/file-store.ts";

export interface ReceivedUpload {
  fields: Record<string, string>;
  file: { staged: StagedFile; fileName: string | undefined; mediaType: string | undefined } | undefined;
}

export async function receiveUpload(
  request: FastifyRequest,
  files: FileStore,
  maxBytes: number,
): Promise<ReceivedUpload> {
  if (!request.isMultipart())
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      "send the document as multipart/form-data with a part named file",
    );
  const fields: Record<string, string> = {};
  let file: ReceivedUpload["file"];
  try {
    for await (const part of request.parts()) {
      if (part.type === "file") {
        if (part.fieldname !== "file" || file !== undefined) {
          part.file.resume();
          throw new AppError("VALIDATION_FAILED", "one file, in the part named file", [
            { path: `body/${part.fieldname}`, message: "is not the part named file" },
          ]);
        }
        const staged = await files.stage(part.file, maxBytes);
        if (part.file.truncated) {
          await staged.discard();
          throw new FileTooLargeError(maxBytes);
        }
        file = { staged, fileName: part.filename || undefined, mediaType: part.mimetype || undefined };
      } else {
        fields[part.fieldname] = typeof part.value === "string" ? part.value : String(part.value);
      }
    }
  } catch (error) {
    await file?.staged.discard();
    if (error instanceof FileTooLargeError)
      throw new AppError("PAYLOAD_TOO_LARGE", `a document is at most ${maxBytes} bytes`, [
        { path: "body/file", message: `FILE_TOO_LARGE: at most ${maxBytes} bytes` },
      ]);
    throw error;
  }
  return { fields, file };
}
