using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Convene.Accounts;

/// <summary>Behind a TLS-terminating reverse proxy: <c>X-Forwarded-Proto</c> and <c>X-Forwarded-For</c> are
/// honoured from the proxies named in <c>Convene:ForwardedHeaders:KnownProxies</c> (addresses) and
/// <c>KnownNetworks</c> (CIDR, e.g. <c>10.0.0.0/8</c>) only; none by default, not even loopback. So the
/// cookie is <c>Secure</c> when the proxy says the client used https, and the client address used for
/// throttling and logs is the forwarded one only when a known proxy forwarded it.</summary>
public static class ProxyExtensions
{
    public const string Section = "Convene:ForwardedHeaders";

    public static IHostApplicationBuilder AddProxies(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>(Configure).ValidateOnStart();
        return builder;
    }

    private static void Configure(ForwardedHeadersOptions o, IConfiguration configuration)
    {
        var proxies = Texts(configuration, "KnownProxies", text => IPAddress.TryParse(text, out _), "an IP address such as 10.0.0.5")
            .Select(IPAddress.Parse).ToList();
        var networks = Texts(configuration, "KnownNetworks", text => System.Net.IPNetwork.TryParse(text, out _), "a network in CIDR form such as 10.0.0.0/8")
            .Select(text => System.Net.IPNetwork.Parse(text)).ToList();
        // With both lists empty the middleware would trust every sender, so then it trusts none.
        o.ForwardedHeaders = proxies.Count + networks.Count > 0 ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
        o.KnownProxies.Clear();
        o.KnownIPNetworks.Clear();
        // The older list holds the loopback network by default too, and is still consulted.
#pragma warning disable ASPDEPR005
        o.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
        // A dual-stack listener sees an IPv4 client as ::ffff:a.b.c.d, so IPv4 entries are added in both forms.
        foreach (var proxy in proxies)
        {
            o.KnownProxies.Add(proxy);
            if (proxy.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            {
                o.KnownProxies.Add(proxy.MapToIPv6());
            }
        }
        foreach (var network in networks)
        {
            o.KnownIPNetworks.Add(network);
            if (network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            {
                o.KnownIPNetworks.Add(new System.Net.IPNetwork(network.BaseAddress.MapToIPv6(), network.PrefixLength + 96));
            }
        }
    }

    private static string[] Texts(IConfiguration configuration, string key, Func<string, bool> valid, string expected)
    {
        var section = configuration.GetSection($"{Section}:{key}");
        // A list (KnownProxies:0, KnownProxies:1, …) or one value with commas.
        var texts = section.Value is { Length: > 0 } single
            ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value?.Trim() ?? "").ToArray();
        foreach (var text in texts.Where(t => !valid(t)))
        {
            throw new OptionsValidationException(section.Path, typeof(ForwardedHeadersOptions), [$"{section.Path}: '{text}' is not {expected}."]);
        }
        return texts;
    }
}
