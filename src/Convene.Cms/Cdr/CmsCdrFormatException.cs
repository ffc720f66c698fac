namespace Convene.Cms.Cdr;

/// <summary>What made a CDR batch unreadable as a whole.</summary>
public enum CmsCdrFormatProblem
{
    /// <summary>The body is not well-formed XML, is empty, is cut off, or carries a DTD (DTDs and entities are refused).</summary>
    NotXml,

    /// <summary>The root element is not <c>&lt;records&gt;</c>.</summary>
    WrongRoot,

    /// <summary>The body (declared or read) is over the parser's size cap.</summary>
    TooLarge,

    /// <summary>The <c>&lt;records&gt;</c> element lacks an attribute every batch has (<c>session</c>).</summary>
    MissingAttribute,
}

/// <summary>A body POSTed to a CDR receiver that is not a CDR batch at all. A batch that is well formed
/// but holds a bad record does not throw: the record is reported in <see cref="CmsCdrBatch.Malformed"/>.</summary>
public sealed class CmsCdrFormatException : FormatException
{
    /// <summary>A batch-level error with its <paramref name="problem"/> and a message naming what is wrong.</summary>
    public CmsCdrFormatException(CmsCdrFormatProblem problem, string message, Exception? innerException = null)
        : base(message, innerException) => Problem = problem;

    /// <summary>An error of kind <see cref="CmsCdrFormatProblem.NotXml"/>.</summary>
    public CmsCdrFormatException()
        : this(CmsCdrFormatProblem.NotXml, "The CDR batch is not well-formed XML.")
    {
    }

    /// <summary>An error of kind <see cref="CmsCdrFormatProblem.NotXml"/> with <paramref name="message"/>.</summary>
    public CmsCdrFormatException(string message)
        : this(CmsCdrFormatProblem.NotXml, message)
    {
    }

    /// <summary>An error of kind <see cref="CmsCdrFormatProblem.NotXml"/> with <paramref name="message"/> and its cause.</summary>
    public CmsCdrFormatException(string message, Exception innerException)
        : this(CmsCdrFormatProblem.NotXml, message, innerException)
    {
    }

    /// <summary>What is wrong; a receiver answers <see cref="CmsCdrFormatProblem.TooLarge"/> with 413 and the rest with 400.</summary>
    public CmsCdrFormatProblem Problem { get; }
}
