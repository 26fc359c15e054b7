'use strict';
// Where the server is: NodeClientsTest starts one and sets DUCKGRES_HOST / DUCKGRES_PORT /
// DUCKGRES_PASSWORD (user postgres, TLS required, SCRAM-SHA-256).
const { Client } = require('pg');

const config = {
  host: process.env.DUCKGRES_HOST || '127.0.0.1',
  port: Number(process.env.DUCKGRES_PORT || 15440),
  user: process.env.DUCKGRES_USER || 'postgres',
  password: process.env.DUCKGRES_PASSWORD || 'postgres',
  database: 'postgres',
  // The server's certificate is self-signed: encrypt, but do not verify it.
  ssl: { rejectUnauthorized: false },
  connectionTimeoutMillis: 20000,
};

async function connect(overrides = {}) {
  const client = new Client({ ...config, ...overrides });
  await client.connect();
  return client;
}

let counter = 0;
function uniqueName(prefix) {
  counter += 1;
  return `${prefix}_${process.pid}_${counter}`;
}

module.exports = { config, connect, uniqueName };
