import { Icon } from '../../../components/Icon.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { Link } from '../../../lib/router.tsx';

export function PlaygroundLink() {
  const { t } = useI18n();
  return (
    <div class="cta">
      <span class="icon-tile" style={{ '--tile': '44px' }} aria-hidden="true">
        <Icon name="message" size={22} />
      </span>
      <p class="cta-text">{t('dashboard.playgroundCta')}</p>
      <Link to="/playground" class="btn btn-primary">
        {t('dashboard.openPlayground')}
        <Icon name="arrowRight" size={16} />
      </Link>
    </div>
  );
}
