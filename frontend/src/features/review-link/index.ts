export { ReviewLinkPage } from './components/ReviewLinkPage';
