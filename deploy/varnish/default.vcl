# The front-end cache between the TLS proxy and the app servers (docs/deploy.md, "Front-end cache").
# Debian: apt-get install varnish varnish-modules. scripts/production_site.py runs this file as it is,
# with only the backend's port and the purge ACL replaced.
#
# varnishd listens twice: `-a public=:6081` for the TLS proxy and `-a purge=:6082` for the app servers'
# purges (FRONTEND_CACHE_URLS=http://<this host>:6082), which the firewall and the ACL below keep to them.
vcl 4.1;

import xkey;

# The app server (gunicorn); with several, a director from vmod_directors in front of them.
backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# The app servers' addresses: only they may purge.
acl purgers {
    "127.0.0.1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (local.socket != "purge" || client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "No xkey-purge header"));
        }
        # A hard purge, not a soft one: a page made private or unpublished must never be served again,
        # not even as a stale copy while a fresh one is fetched.
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);  # POSTs: forms, votes, sign-ins
    }
    if (req.url ~ "^/admin(/|$)" || req.http.Authorization) {
        return (pass);
    }
    # The same rule as the app's whole-page cache (stp_site/core/page_cache.py, which cookies a page
    # depends on): a session (staff, `sessionid`) or Django's messages are never served a shared copy.
    # Any other cookie (a resident's csrftoken from a form, analytics the site never set) does not
    # change a public page: it is dropped, and the resident gets the cached copy.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    # The page's links are made for the scheme it was asked over.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    # Only what the app marks public for shared caches is kept (stp_site/frontend_cache/middleware.py):
    # never a response that sets a cookie, is private or no-store, or has no s-maxage.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Cache-Control !~ "s-maxage=") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;  # remembered as "fetch it each time", never served from the cache
        return (deliver);
    }
    # beresp.ttl is s-maxage already (Varnish prefers it to max-age).
    set beresp.grace = 10s;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.xkey;  # the surrogate keys are for this cache, not for browsers
}
