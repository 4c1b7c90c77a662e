import type { FastifyInstance } from 'fastify';
import { ReportQuery } from '@kcc/contracts/dashboard';
import type { AuthGuard } from '../../http/auth-guard';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import { reportToCsv } from './report-csv';
import { ReportValidationError, type ReportService } from './report.service';

/** `GET /api/reports?period=day|week|month&from=&to=&queue=&channel=&format=json|csv` (teamleider, beheerder). */
export function registerReportRoutes(
  app: FastifyInstance,
  deps: {
    guard: AuthGuard;
    reports: ReportService;
    onderwerpNamen: () => Promise<ReadonlyMap<string, string>>;
  },
): void {
  app.get(
    '/api/reports',
    { preHandler: deps.guard.require('teamleider', 'beheerder') },
    async (request, reply) => {
      const query = parseOrThrow(ReportQuery, request.query, 'query');
      const onderwerpNamen = await deps.onderwerpNamen();
      let report;
      try {
        report = await deps.reports.report(query, { onderwerpNaam: (id) => onderwerpNamen.get(id) });
      } catch (err) {
        if (err instanceof ReportValidationError) {
          throw problems.invalid([{ name: err.field, code: 'invalid_value', reason: err.reason }]);
        }
        throw err;
      }
      if (query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="kcc-rapport-${report.from}-${report.to}.csv"`)
          .send(reportToCsv(report));
      }
      return report;
    },
  );
}
