// One HTTP error and one problem+json mapping for both skins: the Express routers answer exactly
// like the Web-standard handlers of @mia-sdk/webhooks/web.
export { type FieldProblem, MiaHttpError, validationError } from "@mia-sdk/webhooks/web"
