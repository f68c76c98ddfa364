import type { Profile } from '../../profile/types.ts';
import type { ReportSection } from '../section.ts';
import { aboutSection } from './about.ts';
import { associationsSection } from './associations.ts';
import { comparisonsSection } from './comparisons.ts';
import { distributionSections } from './distributions.ts';
import { manifestSection } from './manifest.ts';
import { samplingDesignSection } from './sampling-design.ts';

/**
 * The study profile's part of the report: about, manifest, sampling design (a sample's profile only), distributions (victims, series,
 * offenders), associations, identified-vs-unidentified comparisons. Methods come separately
 * (`methodsSection`), so other producers' sections can be placed between the profile and them.
 */
export async function profileSections(profile: Profile): Promise<ReportSection[]> {
  const design = samplingDesignSection(profile);
  const sections: ReportSection[] = [aboutSection(profile), manifestSection(profile), ...(design ? [design] : []), ...(await distributionSections(profile))];
  const associations = await associationsSection(profile);
  if (associations) sections.push(associations);
  const comparisons = comparisonsSection(profile);
  if (comparisons) sections.push(comparisons);
  return sections;
}
