import { userMessage } from "../user-message.js"

/**
 * A failed call, said for the person at the screen ({@link userMessage}); nothing without an error.
 * `context` words a problem code for this place, e.g. `{ not_found: "There is no such order." }`.
 * @example
 * <ErrorNote error={error} />
 */
export const ErrorNote = ({
  error,
  context,
  testId
}: {
  error: unknown
  context?: Readonly<Record<string, string>>
  testId?: string
}) =>
  error === undefined ? null : (
    <div className="alert" role="alert" data-testid={testId}>
      {userMessage(error, context)}
    </div>
  )
