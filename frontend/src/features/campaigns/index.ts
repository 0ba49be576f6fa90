export { CampaignList } from './components/CampaignList';
export { CampaignActions } from './components/CampaignActions';
export { CampaignDetailsForm } from './components/CampaignDetailsForm';
export { AssetManager } from './components/AssetManager';
