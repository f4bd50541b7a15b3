// Health check of the mongodb service in docker-compose.yml, and the one-time set-up of its replica set:
// initiates the single-member replica set rs0 on first start, then reports healthy once this member is the primary
// (services connect with ?replicaSet=rs0 and need a primary to write).
// The member is named mongodb:27017, the name the services reach it by on the compose network.
try {
  rs.status();
} catch (e) {
  if (e.codeName !== 'NotYetInitialized') {
    throw e;
  }
  rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: 'mongodb:27017' }] });
}
if (!db.hello().isWritablePrimary) {
  quit(1);
}
