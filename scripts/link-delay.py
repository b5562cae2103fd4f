#!/usr/bin/env python3
"""Delays every packet the kernel queues to NFQUEUE QUEUE by DELAY_MS, in order: a slow link where netem is missing.

Usage (in the namespace whose packets to delay; the rule's --queue-bypass lets packets through when nothing listens):
    iptables -t mangle -A POSTROUTING -o eth0 -j NFQUEUE --queue-num QUEUE --queue-bypass
    link-delay.py QUEUE DELAY_MS
It speaks nfnetlink_queue over a raw netlink socket (no libraries): bind the queue, ask for packet metadata only,
and answer each packet with an ACCEPT verdict once it has waited DELAY_MS. SIGTERM ends it; the kernel then lets
queued packets through (bypass).
"""
import collections
import select
import signal
import socket
import struct
import sys
import time

NETLINK_NETFILTER = 12
NFNL_SUBSYS_QUEUE = 3
NFQNL_MSG_PACKET, NFQNL_MSG_VERDICT, NFQNL_MSG_CONFIG = 0, 1, 2
NFQA_CFG_CMD, NFQA_CFG_PARAMS, NFQA_CFG_QUEUE_MAXLEN = 1, 2, 3
NFQNL_CFG_CMD_BIND = 1
NFQNL_COPY_META = 1
NFQA_PACKET_HDR, NFQA_VERDICT_HDR = 1, 2
NLM_F_REQUEST = 1
NLMSG_ERROR = 2
NF_ACCEPT = 1


def attribute(kind, payload):
    length = 4 + len(payload)
    return struct.pack("=HH", length, kind) + payload + b"\0" * ((4 - length % 4) % 4)


def message(kind, queue, attributes, seq):
    body = struct.pack("=BBH", socket.AF_UNSPEC, 0, socket.htons(queue)) + b"".join(attributes)
    return struct.pack("=IHHII", 16 + len(body), (NFNL_SUBSYS_QUEUE << 8) | kind, NLM_F_REQUEST, seq, 0) + body


def packet_ids(data):
    """The packet ids of the NFQNL_MSG_PACKET messages in one receive."""
    offset = 0
    while offset + 16 <= len(data):
        length, kind = struct.unpack_from("=IH", data, offset)
        if length < 16:
            break
        if kind == NLMSG_ERROR:
            error = struct.unpack_from("=i", data, offset + 16)[0]
            if error != 0:
                raise OSError(-error, "nfnetlink_queue refused a request")
        elif kind == (NFNL_SUBSYS_QUEUE << 8) | NFQNL_MSG_PACKET:
            at = offset + 20
            while at + 4 <= offset + length:
                attr_len, attr_kind = struct.unpack_from("=HH", data, at)
                if attr_len < 4:
                    break
                if attr_kind & 0x7FFF == NFQA_PACKET_HDR:
                    yield struct.unpack_from("!I", data, at + 4)[0]
                at += (attr_len + 3) & ~3
        offset += (length + 3) & ~3


def main():
    queue, delay = int(sys.argv[1]), int(sys.argv[2]) / 1000.0
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    sock.bind((0, 0))
    sock.send(message(NFQNL_MSG_CONFIG, queue, [attribute(NFQA_CFG_CMD, struct.pack("!BBH", NFQNL_CFG_CMD_BIND, 0, 0))], 1))
    # Metadata only, and room for what a busy link holds for DELAY_MS (the kernel drops packets past the queue's length).
    sock.send(message(NFQNL_MSG_CONFIG, queue, [
        attribute(NFQA_CFG_PARAMS, struct.pack("!IB", 0, NFQNL_COPY_META)),
        attribute(NFQA_CFG_QUEUE_MAXLEN, struct.pack("!I", 1 << 16))], 2))
    held = collections.deque()  # (release time, packet id), in arrival order: the delay is fixed, so release order is too
    seq = 3
    while True:
        timeout = max(0.0, held[0][0] - time.monotonic()) if held else None
        readable, _, _ = select.select([sock], [], [], timeout)
        if readable:
            now = time.monotonic()
            for packet in packet_ids(sock.recv(1 << 16)):
                held.append((now + delay, packet))
        now = time.monotonic()
        while held and held[0][0] <= now:
            _, packet = held.popleft()
            sock.send(message(NFQNL_MSG_VERDICT, queue, [attribute(NFQA_VERDICT_HDR, struct.pack("!II", NF_ACCEPT, packet))], seq))
            seq += 1


if __name__ == "__main__":
    main()
