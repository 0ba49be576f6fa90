# The one image both ECS services run (infra/aws/hibid-email-ecs.yaml): the backend image with the
# built web app inside, served by the api at / (FRONTEND_DIST). On ECS there is no nginx in front;
# the load balancer terminates TLS. Build the two usual images first (docs/DEPLOYMENT.md, ECS path):
#   docker build -t hibid-backend:$TAG --target runtime backend
#   docker build -t hibid-web:$TAG --target runtime --build-context nginxconf=infra/nginx frontend
#   docker build -t hibid-ecs:$TAG --build-arg TAG=$TAG -f infra/aws/ecs-image.Dockerfile .
ARG TAG=latest
FROM hibid-web:${TAG} AS web

FROM hibid-backend:${TAG}
COPY --from=web /usr/share/nginx/html /app/frontend-dist
ENV FRONTEND_DIST=/app/frontend-dist
