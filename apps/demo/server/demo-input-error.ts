/**
 * A request to one of the demo's own routes that can't be served as sent; answered as a 400
 * problem+json naming the field.
 * @example
 * throw new DemoInputError("items", "The cart is empty.")
 */
export class DemoInputError extends Error {
  readonly field: string
  readonly status: number
  constructor(field: string, message: string, status = 400) {
    super(message)
    this.name = "DemoInputError"
    this.field = field
    this.status = status
  }
}
