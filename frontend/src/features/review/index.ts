export { ReviewForm } from './components/ReviewForm';
export { DownloadCard } from './components/DownloadCard';
