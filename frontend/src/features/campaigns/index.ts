export { CampaignList } from './components/CampaignList';
