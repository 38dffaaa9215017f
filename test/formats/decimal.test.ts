import {
  canonicalDecimal,
  formatMicros,
  fromStoredColumn,
  fromStoredValue,
  getFormat,
  parseDecimal,
  storageScale,
  sumDecimals,
  yuanToWanYuan,
} from "../../src/formats";

describe("decimal", () => {
  it("keeps 27.37 exact when adding", () => {
    expect(formatMicros(sumDecimals(["27.37", "0.1", "0.2"]))).toBe("27.67");
  });

  it("accepts six fractional digits and refuses seven", () => {
    expect(canonicalDecimal("24252.311082")).toBe("24252.311082");
    expect(parseDecimal("1.1234567")).toBeNull();
  });

  it("ignores trailing zeros when counting places", () => {
    expect(canonicalDecimal("027.3700000")).toBe("27.37");
  });

  it("refuses text that is not a plain decimal", () => {
    for (const text of ["abc", "1e5", "1,000", "", "1.2.3", "0x10"]) {
      expect(parseDecimal(text)).toBeNull();
    }
  });

  it("keeps negative values for 本年增/减", () => {
    expect(canonicalDecimal("-3")).toBe("-3");
    expect(canonicalDecimal("-0")).toBe("0");
  });

  it("converts 元 to 万元 exactly", () => {
    expect(yuanToWanYuan("273700")).toBe("27.37");
    expect(yuanToWanYuan("12.34")).toBe("0.001234");
    expect(yuanToWanYuan("242523110.82")).toBe("24252.311082");
  });
});

describe("a stored cell value as the drivers give it", () => {
  const format = getFormat("gb2021");
  const count = [...format.cells.values()].find(cell => storageScale(cell) === 0)!;
  const amount = [...format.cells.values()].find(cell => storageScale(cell) > 0);
  const stored = [0n, 7n, -3n, 588n, 9_007_199_254_740_993n, -12_345_678_901_234_567n];

  it("reads a count's integer, as text (PostgreSQL) or a number (SQLite), as the BigInt path does", () => {
    for (const value of stored) {
      expect(fromStoredColumn(count, value.toString())).toBe(fromStoredValue(count, value));
      if (Number.isSafeInteger(Number(value))) expect(fromStoredColumn(count, Number(value))).toBe(fromStoredValue(count, value));
    }
  });

  it("reads an amount's scaled integer as its decimal text", () => {
    const cell = amount ?? { ...count, dtype: "decimal" as const };
    expect(fromStoredColumn(cell, "27370000")).toBe("27.37");
    expect(fromStoredColumn(cell, 588)).toBe("0.000588");
    expect(fromStoredColumn(cell, "-3000000")).toBe("-3");
  });

  it("parses a short text the same way every time it is asked", () => {
    for (const text of ["0", "27.370", "-3", "abc", "1.0000001"]) expect(parseDecimal(text)).toEqual(parseDecimal(` ${text} `));
  });
});
