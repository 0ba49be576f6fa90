export { NewCampaignForm } from './components/NewCampaignForm';
