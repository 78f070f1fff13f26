# Handler for the test SMTP server (python3 -m aiosmtpd -c smtp_sink.Sink DIRECTORY).
# Saves every accepted message as an .eml file, the envelope's recipients first in an
# X-Envelope-To header, and logs each connection (EHLO) in connections.log; refuses recipients whose address starts with "reject" with a permanent
# 550, as a real server refuses an unknown mailbox. Run with -u to offer SMTPUTF8.
import os
import uuid


class Sink:
    def __init__(self, directory):
        self.directory = directory

    @classmethod
    def from_cli(cls, parser, *args):
        return cls(*args)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        # One EHLO per connection: the log counts the connections clients opened.
        session.host_name = hostname
        with open(os.path.join(self.directory, "connections.log"), "a") as log:
            log.write(hostname + "\n")
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("reject"):
            return "550 5.1.1 Mailbox unavailable: no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = os.path.join(self.directory, uuid.uuid4().hex + ".eml")
        with open(name + ".tmp", "wb") as output:
            output.write(("X-Envelope-To: " + ", ".join(envelope.rcpt_tos) + "\r\n").encode("utf-8"))
            output.write(envelope.original_content or envelope.content)
        os.rename(name + ".tmp", name)
        return "250 Message accepted for delivery"
