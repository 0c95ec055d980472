-- The host application's own first migration (not CryptoGo's): see HostServiceExample.
CREATE TABLE host_customers (
    id BIGINT PRIMARY KEY,
    name VARCHAR(100) NOT NULL
);
