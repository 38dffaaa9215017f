import path from "node:path";

/**
 * The project's shared/ folder (formats, seed, real sample reports), which CI
 * lays beside the clone. GONGKAI_SHARED points elsewhere when it is not there.
 * Tests read the samples in place; they are never copied into the project.
 */
export const SHARED = process.env.GONGKAI_SHARED ?? path.resolve(__dirname, "../../../shared");
