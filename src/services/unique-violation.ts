import { UserErrorCode, problem } from "./errors";

/**
 * Two requests that create the same thing at once (two imports of one agency's year, two agencies with one
 * code) both pass the service's "does it exist?" check on PostgreSQL, where transactions run side by side; the
 * unique index stops the second. That is the user's DUPLICATE, not a server error: this names it.
 * (SQLite runs writers one at a time, so there the check itself answers.)
 */
export function asDuplicate(error: unknown): never {
  const driver = (error as { driverError?: { code?: string; constraint?: string; message?: string } }).driverError;
  const unique = driver && (driver.code === "23505" || driver.code === "SQLITE_CONSTRAINT_UNIQUE");
  const where = `${driver?.constraint ?? ""} ${driver?.message ?? ""}`;
  if (unique && /uq_report_agency_year|report\.agency_id/.test(where)) {
    throw problem(
      UserErrorCode.DUPLICATE,
      "The agency already has a report for this year (created just now by another request); open that report instead (one report per agency and year).",
      ["input", "year"],
    );
  }
  if (unique && /uq_agency_code|agency\.code/.test(where)) {
    throw problem(
      UserErrorCode.DUPLICATE,
      "An agency with this code was created just now by another request; choose another code, or import into that agency.",
      ["input", "newAgencyCode"],
    );
  }
  throw error;
}
