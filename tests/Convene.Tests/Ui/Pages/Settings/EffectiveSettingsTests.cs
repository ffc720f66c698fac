using Convene.Data;
using Convene.Ui.Pages.Settings;

namespace Convene.Tests.Ui.Pages.Settings;

public sealed class EffectiveSettingsTests
{
    [Fact]
    public void Connection_OfPostgresWithAPassword_ShowsWhereButNotThePassword()
    {
        var shown = EffectiveSettings.Connection(DatabaseProvider.Postgres,
            "Host=db.example.com;Port=5433;Database=convene;Username=convene;Password=s3cret-Pa55;SSL Mode=Require");

        Assert.Equal("Host=db.example.com; Port=5433; Database=convene; Username=convene", shown);
        Assert.DoesNotContain("s3cret", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void Connection_OfSqliteWithAPassword_ShowsOnlyTheFile()
    {
        var shown = EffectiveSettings.Connection(DatabaseProvider.Sqlite, "Data Source=/var/lib/convene/convene.db;Password=s3cret-Pa55");

        Assert.Equal("Data Source=/var/lib/convene/convene.db", shown);
    }

    [Fact]
    public void WithoutUserInfo_OfAUrlWithCredentials_DropsThem() =>
        Assert.Equal("http://convene.example.com:5080/", EffectiveSettings.WithoutUserInfo(new Uri("http://cms:s3cret@convene.example.com:5080/")));

    [Theory]
    [InlineData(500, "500 ms")]
    [InlineData(30_000, "30 s")]
    [InlineData(7_500, "7.5 s")]
    [InlineData(300_000, "5 min")]
    [InlineData(7_200_000, "2 h")]
    [InlineData(86_400_000, "1 day")]
    [InlineData(604_800_000, "7 days")]
    public void Span_OfADuration_UsesItsLargestWholeUnit(int milliseconds, string expected) =>
        Assert.Equal(expected, EffectiveSettings.Span(TimeSpan.FromMilliseconds(milliseconds)));
}
