using System.Net;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Oidc;

/// <summary>The HTML pages of the browser login, with the element ids CAS's own pages use where it has them.</summary>
internal static class OidcPages
{
    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Login(string action, string execution, string? error) =>
        Page("CAS - Central Authentication Service Log In",
            "<h2>Enter Username &amp; Password</h2>" +
            (error is null ? "" : $"<div id=\"loginErrorsPanel\" class=\"error\">{E(error)}</div>") +
            $"<form method=\"post\" id=\"fm1\" action=\"{E(action)}\">" +
            "<label for=\"username\">Username</label><input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\"/>" +
            "<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\"/>" +
            $"<input type=\"hidden\" name=\"execution\" value=\"{E(execution)}\"/><input type=\"hidden\" name=\"_eventId\" value=\"submit\"/>" +
            "<button id=\"submit\" name=\"submit\" type=\"submit\">LOGIN</button></form>");

    public static string Duo(string action, string execution, string user, string? error) =>
        Page("CAS - Duo Security",
            $"<h2>Duo Security: second factor for {E(user)}</h2>" +
            (error is null ? "" : $"<div id=\"duoErrorsPanel\" class=\"error\">{E(error)}</div>") +
            $"<form method=\"post\" id=\"duoPush\" action=\"{E(action)}\">" +
            $"<input type=\"hidden\" name=\"execution\" value=\"{E(execution)}\"/><input type=\"hidden\" name=\"factor\" value=\"push\"/>" +
            "<button id=\"push\" type=\"submit\">Send Me a Push</button></form>" +
            $"<form method=\"post\" id=\"duoPasscode\" action=\"{E(action)}\">" +
            $"<input type=\"hidden\" name=\"execution\" value=\"{E(execution)}\"/><input type=\"hidden\" name=\"factor\" value=\"passcode\"/>" +
            "<label for=\"passcode\">Passcode</label><input id=\"passcode\" name=\"passcode\" type=\"text\" autocomplete=\"one-time-code\"/>" +
            "<button id=\"verify\" type=\"submit\">Verify</button></form>");

    public static string Consent(string action, string execution, string clientId, IEnumerable<string> scopes) =>
        Page("CAS - Consent",
            $"<h2>{E(clientId)} asks for: {E(string.Join(", ", scopes))}</h2>" +
            $"<form method=\"post\" id=\"consent\" action=\"{E(action)}\"><input type=\"hidden\" name=\"execution\" value=\"{E(execution)}\"/>" +
            "<button id=\"allow\" name=\"decision\" value=\"allow\" type=\"submit\">Allow</button>" +
            "<button id=\"deny\" name=\"decision\" value=\"deny\" type=\"submit\">Deny</button></form>");

    public static string Error(string title, string detail) =>
        Page("CAS - " + title, $"<h2 id=\"errorTitle\">{E(title)}</h2><p id=\"errorDetail\">{E(detail)}</p>");

    private static string Page(string title, string body) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"/><title>{E(title)}</title></head><body><main>{body}</main></body></html>";

    public static Task WriteAsync(HttpContext context, int status, string html)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html;charset=UTF-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }
}
