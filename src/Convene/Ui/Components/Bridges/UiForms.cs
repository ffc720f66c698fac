namespace Convene.Ui.Components.Bridges;

/// <summary>Helpers of the bridge and ticket pages' form handlers.</summary>
public static class UiForms
{
    /// <summary>Answers a form post by a user whose role may not make it with 403 (the API's answer), when the
    /// response has not started; the page then shows why.</summary>
    public static void Refuse(HttpContext? context)
    {
        if (context is { Response.HasStarted: false })
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
        }
    }
}
