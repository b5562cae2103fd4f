-- Host provisioning (issue 15): the hosts Berth made through the provisioner. No foreign key to hosts: the record is
-- written before the host joins and outlives its row until the provisioner has destroyed the machine.
CREATE TABLE provisioned_hosts (
    name VARCHAR(255) NOT NULL PRIMARY KEY,
    created_at VARCHAR(40) NOT NULL
);
