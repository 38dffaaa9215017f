import { getFormat } from "../../src/formats";
import { balance, isBalanced, readTerm, showTotal } from "../../src/validation/equation";

const FEE = "active.art20_8/active.fee/col.fee_amount";
const format = getFormat("gb2021");
const term = (value: string | null, negated = false) => readTerm({ format, cells: { [FEE]: value } }, FEE, negated);

describe("equation", () => {
  it("adds 27.27 + 0.1 to exactly 27.37", () => {
    const equation = balance([term("27.37")], [term("27.27"), term("0.1")]);

    expect(equation && isBalanced(equation)).toBe(true);
    expect(equation && showTotal(equation.rhsTotal)).toBe("27.37");
  });

  it("adds 0.1 + 0.2 to exactly 0.3", () => {
    const equation = balance([term("0.3")], [term("0.1"), term("0.2")]);

    expect(equation && isBalanced(equation)).toBe(true);
  });

  it("subtracts a negated term", () => {
    const equation = balance([term("24252.311082")], [term("24253.311082"), term("1", true)]);

    expect(equation && isBalanced(equation)).toBe(true);
  });

  it("reads a blank as 0 and an absent or unreadable cell as unknown", () => {
    expect(term(null)?.micros).toBe(0n);
    expect(readTerm({ format, cells: {} }, FEE)).toBeUndefined();
    expect(term("12,5")).toBeUndefined();
    expect(balance([term("1")], [readTerm({ format, cells: {} }, FEE)])).toBeUndefined();
  });
});
