-- Where RD gateway tunnels reach a host's xrdp, as its agent last reported; null: no RDP files for its sessions.
ALTER TABLE session_hosts ADD COLUMN rdp_port integer CHECK (rdp_port BETWEEN 1 AND 65535);
