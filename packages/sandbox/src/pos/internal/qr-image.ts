import { encode } from "uqr"
import { MonochromeCanvas } from "../reports/monochrome-canvas.js"

/** Pixels per QR module: a 37-module code (the usual `qrText`) comes out at 360 x 360 px. */
export const QR_MODULE_PIXELS = 8
/** The white margin the QR standard asks for, in modules; scanners find the code by it. */
export const QR_QUIET_ZONE_MODULES = 4

/**
 * The `qrImage` of a sandbox QR: a base64 PNG of a real, scannable QR code of `text` (the QR's
 * `qrText`), so a phone camera or a decoder in a test reads back exactly what the API printed.
 * Error correction level M, as payment QR codes on printed stickers and screens commonly use.
 *
 * @example
 * const png = Buffer.from(sandboxQrImage("https://sandbox.mia-sdk.local/pos/qr/6d24e4a5"), "base64")
 */
export const sandboxQrImage = (text: string): string => {
  const { data, size } = encode(text, { ecc: "M", border: 0 })
  const side = (size + 2 * QR_QUIET_ZONE_MODULES) * QR_MODULE_PIXELS
  const canvas = new MonochromeCanvas(side, side)
  for (const [y, row] of data.entries()) {
    for (const [x, ink] of row.entries()) {
      if (!ink) continue
      canvas.fill(
        (x + QR_QUIET_ZONE_MODULES) * QR_MODULE_PIXELS,
        (y + QR_QUIET_ZONE_MODULES) * QR_MODULE_PIXELS,
        QR_MODULE_PIXELS,
        QR_MODULE_PIXELS
      )
    }
  }
  return canvas.toPng().toString("base64")
}
