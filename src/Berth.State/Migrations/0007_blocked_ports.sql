-- Host ports something outside Berth holds (the engine could not bind them): reservations skip a port until its
-- block ends. Rows of a host go with the host.
CREATE TABLE blocked_ports (
    host_name VARCHAR(255) NOT NULL REFERENCES hosts (name) ON DELETE CASCADE,
    host_port INTEGER NOT NULL,
    blocked_until VARCHAR(40) NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (host_name, host_port)
);
