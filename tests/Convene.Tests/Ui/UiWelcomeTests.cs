using Convene.Ui;

namespace Convene.Tests.Ui;

/// <summary>Convene says at start where to point a browser and how to sign in, never the password itself.</summary>
public sealed class UiWelcomeTests() : ServiceTest(DatabaseKind.Sqlite, null)
{
    protected override bool Scheduled => false;

    [Fact(Timeout = 60_000)]
    public async Task Start_OnceListening_LogsTheAddressAndWhoSignsIn()
    {
        var convene = await StartConveneAsync(s => s["Logging:LogLevel:Convene.Ui.UiWelcome"] = "Information");

        var ready = Assert.Single(convene.Log.Entries, e => e.EventId == 9001);
        Assert.Contains($"open {convene.Address.ToString().TrimEnd('/')} in a browser", ready.Message, StringComparison.Ordinal);
        Assert.Contains("sign in as admin with", ready.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080", "http://localhost:5080")]
    [InlineData("http://[::]:5080", "http://localhost:5080")]
    [InlineData("http://+:5080", "http://localhost:5080")]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080")]
    public void Browsable_AWildcardHost_IsShownAsLocalhost(string address, string shown) =>
        Assert.Equal(shown, UiWelcome.Browsable(address));
}
