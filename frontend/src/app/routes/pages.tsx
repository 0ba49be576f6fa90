import { Link } from 'react-router';
import { AuthForm } from '@/features/auth';
import { CampaignList } from '@/features/campaigns';
import { NewCampaignForm } from '@/features/upload';
import { usePageTitle } from '@/lib/use-page-title';

export const SignInPage = () => <AuthForm kind="sign-in" />;
export const SignUpPage = () => <AuthForm kind="sign-up" />;
export const CampaignsPage = () => <CampaignList />;
export const NewCampaignPage = () => <NewCampaignForm />;

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <section>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        That address does not lead anywhere. <Link to="/">Go to your campaigns</Link>.
      </p>
    </section>
  );
}
