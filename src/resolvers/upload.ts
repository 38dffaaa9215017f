/**
 * Files travel inside the GraphQL request as base64 (see README, "Importing
 * files"): one JSON request, Apollo's CSRF prevention untouched, the body
 * limit bounding the size. Decoding is strict so a damaged upload is refused
 * rather than read as something else.
 */
import { UserErrorCode, problem } from "../services/errors";
import { MAX_IMPORT_FILE_BYTES } from "../services/import.service";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function fileBytes(contentBase64: string): Uint8Array {
  const compact = contentBase64.replace(/\s+/g, "");
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw problem(UserErrorCode.INVALID_VALUE, "The file is not valid base64; encode the file's bytes with standard base64 (RFC 4648).", [
      "input",
      "file",
      "contentBase64",
    ]);
  }
  if ((compact.length / 4) * 3 > MAX_IMPORT_FILE_BYTES + 2) {
    throw problem(UserErrorCode.TOO_LONG, `The file is larger than ${MAX_IMPORT_FILE_BYTES} bytes; a report's PDF or DOCX is far smaller.`, ["input", "file"]);
  }
  return Buffer.from(compact, "base64");
}
