/**
 * All migrations, as code: the list is part of the build, so a deployed binary cannot run with a
 * missing or extra migration file. Names sort in execution order; never rename or edit a released one.
 */
import type { Migration } from 'kysely';
import * as initial from './0001-initial.ts';
import * as submissionFee from './0002-submission-fee.ts';
import * as staffRolesAndCandidates from './0003-staff-roles-and-candidates.ts';
import * as attachments from './0004-attachments.ts';
import * as staffAccountDisabled from './0005-staff-account-disabled.ts';
import * as tenantLegalLinks from './0006-tenant-legal-links.ts';
import * as operationalSettings from './0007-operational-settings.ts';
import * as definitionFormat2 from './0008-definition-format-2.ts';
import * as serviceLifecycle from './0012-service-lifecycle.ts';
import * as candidateTitles from './0013-candidate-titles.ts';
import * as loginThrottlingAndIdleSessions from './0014-login-throttling-and-idle-sessions.ts';
import * as attachmentBinding from './0019-attachment-binding.ts';
import * as receipts from './0020-receipts.ts';
import * as editorDrafts from './0021-editor-drafts.ts';
import * as deliveryOutbox from './0022-delivery-outbox.ts';
import * as citizenLogins from './0023-citizen-logins.ts';
import * as fileBlobs from './0024-file-blobs.ts';
import * as attachmentScans from './0025-attachment-scans.ts';
import * as retentionAndAuditChain from './0026-retention-and-audit-chain.ts';
import * as pullApi from './0027-pull-api.ts';
import * as catalog from './0029-catalog.ts';
import * as dataKeyVersions from './0030-data-key-versions.ts';
import * as submissionIdentity from './0031-submission-identity.ts';
import * as citizenApplications from './0032-citizen-applications.ts';
import * as identityAnswerIds from './0033-identity-answer-ids.ts';
import * as catalogMerges from './0034-catalog-merges.ts';
import * as catalogTermsByDate from './0035-catalog-terms-by-date.ts';
import * as leikaCatalogue from './0036-leika-catalogue.ts';
import * as federation from './0037-federation.ts';
import * as staffSecondFactor from './0038-staff-second-factor.ts';
import * as staffSingleSignOn from './0039-staff-single-sign-on.ts';
import * as providerSessionKeys from './0043-provider-session-keys.ts';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-submission-fee': submissionFee,
  '0003-staff-roles-and-candidates': staffRolesAndCandidates,
  '0004-attachments': attachments,
  '0005-staff-account-disabled': staffAccountDisabled,
  '0006-tenant-legal-links': tenantLegalLinks,
  '0007-operational-settings': operationalSettings,
  '0008-definition-format-2': definitionFormat2,
  '0012-service-lifecycle': serviceLifecycle,
  '0013-candidate-titles': candidateTitles,
  '0014-login-throttling-and-idle-sessions': loginThrottlingAndIdleSessions,
  '0019-attachment-binding': attachmentBinding,
  '0020-receipts': receipts,
  '0021-editor-drafts': editorDrafts,
  '0022-delivery-outbox': deliveryOutbox,
  '0023-citizen-logins': citizenLogins,
  '0024-file-blobs': fileBlobs,
  '0025-attachment-scans': attachmentScans,
  '0026-retention-and-audit-chain': retentionAndAuditChain,
  '0027-pull-api': pullApi,
  '0029-catalog': catalog,
  '0030-data-key-versions': dataKeyVersions,
  '0031-submission-identity': submissionIdentity,
  '0032-citizen-applications': citizenApplications,
  '0033-identity-answer-ids': identityAnswerIds,
  '0034-catalog-merges': catalogMerges,
  '0035-catalog-terms-by-date': catalogTermsByDate,
  '0036-leika-catalogue': leikaCatalogue,
  '0037-federation': federation,
  '0038-staff-second-factor': staffSecondFactor,
  '0039-staff-single-sign-on': staffSingleSignOn,
  '0043-provider-session-keys': providerSessionKeys,
};
