/**
 * Service packages in the Service-Design area (ADR 0051): download a published version as a
 * package, and import one as an editor draft. The tenant comes from the staff session;
 * `ServicePackages` checks the designer role. The import is multipart, parsed only in this
 * plugin's scope, with a file size limit that bounds memory before anything is read.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../core/errors.ts';
import { MAX_PACKAGE_BYTES, type PackageRefusal, type ServicePackages } from '../../core/service-package.ts';
import { PACKAGE_MEDIA_TYPE } from '../../definition/package/format.ts';
import { SLUG_PATTERN } from '../../definition/schema.ts';
import { BadRequestError, UnsupportedMediaTypeError } from '../http-errors.ts';
import { isBrokenMultipart } from '../multipart-errors.ts';
import { localeOf } from '../request-context.ts';
import type { StaffSessions } from '../staff-session.ts';
import { draftBase } from '../views/designer-editor.ts';
import { PACKAGE_FILE_FIELD, PACKAGE_IMPORT_PATH, packageImportPage } from '../views/service-package.ts';
import { contentDisposition } from './content-disposition.ts';

const HTML = 'text/html; charset=utf-8';
const SLUG = new RegExp(SLUG_PATTERN);
/** A version number as a URL gives it. */
const VERSION = /^[1-9]\d{0,8}$/;

export async function registerServicePackageRoutes(
  app: FastifyInstance,
  packages: ServicePackages,
  sessions: StaffSessions,
): Promise<void> {
  const staffPage = (request: FastifyRequest) => ({ locale: localeOf(request), currentPath: request.url });

  // "Als Paket herunterladen": a published version as a file. Another municipality's service, or a
  // version that does not exist, is the same 404.
  app.get<{ Params: { slug: string; version: string } }>(
    '/staff/design/leistungen/:slug/versionen/:version/paket',
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const { slug, version } = request.params;
      if (slug.length > 80 || !SLUG.test(slug) || !VERSION.test(version))
        throw new NotFoundError('service version');
      const exported = await packages.exportVersion(staff.session, slug, Number(version));
      request.log.info(
        { event: 'package.exported', service: slug, version: Number(version) },
        'package exported',
      );
      return reply
        .type(`${PACKAGE_MEDIA_TYPE}; charset=utf-8`)
        .header('content-disposition', contentDisposition(exported.fileName))
        .send(exported.text);
    },
  );

  app.get(PACKAGE_IMPORT_PATH, async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    // Not a designer: refused by the use case's role check, as every Service-Design page.
    packages.requireDesigner(staff.session);
    return reply
      .type(HTML)
      .send(packageImportPage(staffPage(request), { ...staff, maxBytes: MAX_PACKAGE_BYTES }));
  });

  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: {
        fileSize: MAX_PACKAGE_BYTES,
        files: 1,
        fields: 2,
        fieldSize: 1024,
        parts: 3,
        headerPairs: 50,
      },
    });

    scope.post(PACKAGE_IMPORT_PATH, async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      if (!request.isMultipart())
        throw new UnsupportedMediaTypeError('the import form is sent as multipart/form-data');
      let csrf: unknown;
      let bytes: Uint8Array | undefined;
      let tooLarge = false;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            if (part.fieldname === '_csrf') csrf = part.value;
            continue;
          }
          // The form sends the CSRF token before the file: no file is read for a forged form.
          sessions.checkCsrf(staff, csrf);
          if (part.fieldname !== PACKAGE_FILE_FIELD || bytes || tooLarge) {
            part.file.resume();
            continue;
          }
          try {
            bytes = await part.toBuffer();
          } catch (error) {
            if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
            tooLarge = true;
          }
        }
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (code === 'FST_REQ_FILE_TOO_LARGE') tooLarge = true;
        else if (isBrokenMultipart(error)) throw new BadRequestError(`multipart refused (${code})`);
        else throw error;
      }
      sessions.checkCsrf(staff, csrf);

      const refuse = (refusal: PackageRefusal, status: number) => {
        request.log.info({ event: 'package.import_refused', reason: refusal.reason }, 'package refused');
        return reply
          .code(status)
          .type(HTML)
          .send(packageImportPage(staffPage(request), { ...staff, maxBytes: MAX_PACKAGE_BYTES, refusal }));
      };
      if (tooLarge) {
        packages.requireDesigner(staff.session);
        return refuse({ reason: 'too-large' }, 413);
      }
      const outcome = await packages.import(staff.session, { bytes: bytes ?? new Uint8Array() });
      if (!outcome.ok) return refuse(outcome.refusal, outcome.refusal.reason === 'too-large' ? 413 : 400);
      request.log.info(
        { event: 'package.imported', service: outcome.draft.slug, hash: outcome.pkg.contentHash },
        'package imported',
      );
      return reply.redirect(`${draftBase(outcome.draft.id)}?neu=1`, 303);
    });
  });
}
