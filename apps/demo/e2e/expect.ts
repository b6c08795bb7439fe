/**
 * Fails unless `actual` matches `expected`, naming `what` was read.
 * @example
 * expectText(await page.getByTestId("amount").textContent(), /MDL$/, "amount")
 */
export const expectText = (actual: string | null, expected: RegExp, what: string): void => {
  if (actual === null || !expected.test(actual))
    throw new Error(`${what}: expected ${expected}, got ${JSON.stringify(actual)}`)
}

/**
 * Checks a message written for the person at the screen: no operation name, no error code, no
 * raw API wording, exactly one final period.
 * @example
 * assertHumanMessage(await page.getByTestId("pos-error").textContent(), "wrong code")
 */
export const assertHumanMessage = (text: string | null, what: string): void => {
  const message = text ?? ""
  const problems = [
    /\b[a-z]+[A-Z]\w*:/.test(message) && "an operation name",
    /\b[a-z0-9]+_[a-z0-9_]+\b/.test(message) && "an error code",
    /MiaPos|API|HTTP|\bresult\b/.test(message) && "API wording",
    !/[^.]\.$/.test(message) && "not exactly one final period",
    /\.\./.test(message) && "a doubled period"
  ].filter(Boolean)
  if (problems.length > 0) throw new Error(`${what}: ${JSON.stringify(message)} has ${problems.join(", ")}`)
}
