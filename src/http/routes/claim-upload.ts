// Reads a claim's multipart/form-data body: its text fields and up to a few parts named `file`,
// each streamed into the file store's temporary area. The use case decides which are kept.
import type { FastifyRequest } from "fastify";
import { AppError } from "../../errors.ts";
import { type FileStore, FileTooLargeError } from "../../files/file-store.ts";
import type { ClaimFile } from "../../use-cases/claims.ts";

export async function receiveClaimUpload(
  request: FastifyRequest,
  files: FileStore,
  maxBytes: number,
  maxFiles: number,
): Promise<{ fields: Record<string, string>; files: ClaimFile[] }> {
  const fields: Record<string, string> = {};
  const received: ClaimFile[] = [];
  try {
    for await (const part of request.parts({
      limits: {
        fileSize: maxBytes + 1,
        files: maxFiles + 1,
        fields: 10,
        fieldSize: 40000,
        parts: maxFiles + 11,
      },
    })) {
      if (part.type === "file") {
        if (part.fieldname !== "file" || received.length >= maxFiles) {
          part.file.resume();
          throw new AppError("VALIDATION_FAILED", `at most ${maxFiles} files, in parts named file`, [
            {
              path: `body/${part.fieldname}`,
              message: `TOO_MANY_FILES: at most ${maxFiles} parts named file`,
            },
          ]);
        }
        const staged = await files.stage(part.file, maxBytes);
        if (part.file.truncated) {
          await staged.discard();
          throw new FileTooLargeError(maxBytes);
        }
        received.push({
          staged,
          fileName: part.filename || undefined,
          mediaType: part.mimetype || undefined,
        });
      } else {
        fields[part.fieldname] = typeof part.value === "string" ? part.value : String(part.value);
      }
    }
  } catch (error) {
    for (const file of received) await file.staged.discard();
    if (error instanceof FileTooLargeError)
      throw new AppError("PAYLOAD_TOO_LARGE", `a file is at most ${maxBytes} bytes`, [
        { path: "body/file", message: `FILE_TOO_LARGE: at most ${maxBytes} bytes` },
      ]);
    throw error;
  }
  return { fields, files: received };
}
