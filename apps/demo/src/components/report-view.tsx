import type { PosReportView } from "@mia-sdk/react"
import { formatDateTime, formatMoney } from "../format.js"

/**
 * An X- or Z-report: the totals and, when the bank sent them, the transactions of the shift.
 * @example
 * <ReportView report={report} />
 */
export const ReportView = ({ report }: { report: PosReportView }) => (
  <div className="stack" data-testid={`${report.kind}-report`}>
    <dl className="kv">
      <dt>Report</dt>
      <dd>
        <strong>{report.kind === "x" ? "X-report (shift still open)" : "Z-report (shift closed)"}</strong>
      </dd>
      <dt>Shift</dt>
      <dd>#{report.shiftId ?? "–"}</dd>
      {report.reportDateTime !== undefined && (
        <>
          <dt>Printed</dt>
          <dd data-testid="report-printed">{formatDateTime(report.reportDateTime)}</dd>
        </>
      )}
      {report.merchant !== undefined && (
        <>
          <dt>Merchant</dt>
          <dd>
            {report.merchant}
            {report.store !== undefined ? `, ${report.store}` : ""}
          </dd>
        </>
      )}
      <dt>Payments</dt>
      <dd data-testid="report-payments">
        {report.paymentCount ?? 0} · {formatMoney(report.paymentSum ?? 0)}
      </dd>
      <dt>Returns</dt>
      <dd>
        {report.cancellationCount ?? 0} · {formatMoney(report.cancellationSum ?? 0)}
      </dd>
      <dt>Total</dt>
      <dd data-testid="report-total">
        <strong>{formatMoney(report.totalSum ?? 0)}</strong>
      </dd>
    </dl>
    {report.transactions.length > 0 && (
      <table className="rows report-lines">
        <thead>
          <tr>
            <th>Time</th>
            <th>Type</th>
            <th>Transaction</th>
            <th>Amount</th>
          </tr>
        </thead>
        <tbody>
          {report.transactions.map((line, i) => (
            <tr key={`${line.id ?? ""}-${i}`}>
              <td className="muted cell-time">
                {line.dateTime === undefined ? "–" : formatDateTime(line.dateTime)}
              </td>
              <td className="cell-type">{line.type ?? "–"}</td>
              <td className="mono cell-id">{line.id ?? "–"}</td>
              <td className="cell-amount">
                {line.amount === undefined ? "–" : formatMoney(line.amount, line.currency)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </div>
)
