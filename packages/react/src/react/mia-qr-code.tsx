import { type ComponentPropsWithoutRef, useMemo } from "react"
import { encode } from "uqr"
import { qrPath } from "../qr/qr-path.js"

/**
 * Props of {@link MiaQrCode}; other SVG attributes (`className`, `style`, `data-*`) pass through.
 * @example
 * const props: MiaQrCodeProps = { value: qrUrl, size: 240, label: "Scan with your banking app to pay 150.25 MDL" }
 */
export interface MiaQrCodeProps
  extends Omit<ComponentPropsWithoutRef<"svg">, "children" | "viewBox" | "role" | "title" | "color"> {
  /** The text to encode: the MIA link (`qrUrl` from `useCheckout`, `url` from a charge). */
  readonly value: string
  /** Rendered width and height: a number of pixels or any CSS length (default 256). */
  readonly size?: number | string
  /** Accessible name read by screen readers (default "QR code for MIA payment"). */
  readonly label?: string
  /** Tooltip text (the SVG `<title>`); defaults to `label`. */
  readonly title?: string
  /** Error-correction level (default "M": survives smudges without growing the code much). */
  readonly ecc?: "L" | "M" | "Q" | "H"
  /** Quiet zone around the code, in modules (default 4, the minimum scanners expect). */
  readonly margin?: number
  readonly color?: string
  readonly background?: string
}

/**
 * An accessible, crisp SVG QR code (one path, integer grid, quiet zone included).
 * Throws a `RangeError` when `value` is empty or too long for a QR code.
 * @example
 * import { MiaQrCode } from "@mia-sdk/react"
 * <MiaQrCode value={qrUrl} size={240} label="Scan with your banking app to pay 150.25 MDL" />
 */
export const MiaQrCode = ({
  value,
  size = 256,
  label = "QR code for MIA payment",
  title,
  ecc = "M",
  margin = 4,
  color = "#000",
  background = "#fff",
  ...rest
}: MiaQrCodeProps) => {
  const { d, extent } = useMemo(() => {
    if (!value) throw new RangeError("MiaQrCode needs a value: pass the QR url to encode, e.g. value={qrUrl}")
    let modules: boolean[][]
    try {
      modules = encode(value, { ecc, border: 0 }).data
    } catch (cause) {
      throw new RangeError(
        `MiaQrCode can't encode a ${value.length}-character value: it is too long for a QR code`,
        {
          cause
        }
      )
    }
    const quiet = Math.max(0, Math.floor(margin))
    return { d: qrPath(modules, quiet), extent: modules.length + 2 * quiet }
  }, [value, ecc, margin])
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${extent} ${extent}`}
      width={size}
      height={size}
      shapeRendering="crispEdges"
      {...rest}
      role="img"
      aria-label={label}
    >
      <title>{title ?? label}</title>
      <rect width={extent} height={extent} fill={background} />
      <path d={d} fill={color} />
    </svg>
  )
}
