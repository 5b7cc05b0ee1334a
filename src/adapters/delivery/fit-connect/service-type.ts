/**
 * The service of a FIT-Connect submission (`serviceType` of the announcement, Submission API 1.1.3;
 * `publicServiceType` of metadata 1.x): a URN, `urn:de:fim:leika:leistung:<LeiKa key>` when the
 * service has a LeiKa key (the destination routes by it). Without one, FIT-Connect allows another
 * unique URN for the time being; Amtsweg names the municipality's service.
 */
import type { Delivery } from '../../../core/delivery/payload.ts';
import { localize } from '../../../definition/types.ts';

const URN_TAIL = /[^a-z0-9()+,.:=@;$_!*'%/?#-]/g;

export function serviceType(delivery: Delivery): { name: string; identifier: string } {
  const name = localize(delivery.service.title, 'de');
  if (delivery.service.leikaKey) {
    return { name, identifier: `urn:de:fim:leika:leistung:${delivery.service.leikaKey}` };
  }
  const tail = `${delivery.tenant.slug}:${delivery.service.slug}`.toLowerCase().replace(URN_TAIL, '-');
  return { name, identifier: `urn:amtsweg:leistung:${tail}` };
}
