import type { Theme } from '../types';
import type { PreparedCampaign, PreparedVariant } from './prepare';
import type { PopupView } from '../render/view';
import { localizeContent } from './localize';
import { findTextDirection } from '../render/text-direction';
import { findCloseLabel } from '../render/close-label';

/**
 * Builds what the renderer draws for one campaign variant: copy localized along the visitor's
 * languages, direction and labels from the chosen locale; on mobile a modal becomes a bottom
 * sheet (no full-screen interstitials on phones).
 */
export function presentCampaign(
  campaign: PreparedCampaign,
  variant: PreparedVariant,
  visitor: { preferredLocales: string[]; device: unknown },
  defaultLocale: string,
  theme?: Theme,
): PopupView {
  const { locale, fields } = localizeContent(variant.content, visitor.preferredLocales, defaultLocale);
  const layout = variant.layout.type === 'modal' && visitor.device === 'mobile' ? { type: 'sheet' as const } : variant.layout;
  return {
    campaign: campaign.id,
    variant: variant.id,
    locale,
    dir: findTextDirection(locale),
    fields,
    closeLabel: fields.close ?? findCloseLabel(locale),
    layout,
    cta: variant.cta,
    theme,
  };
}
