package dev.bookingsinvoicing.bc.client;

/** Business Central answered an error: its HTTP status, {@code error.code} and {@code error.message}. */
public class BusinessCentralException extends RuntimeException {

    private final int status;
    private final String code;

    public BusinessCentralException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** Business Central's error code (e.g. Application_DialogException); null when it sent none. */
    public String code() {
        return code;
    }

    /**
     * Business Central refused the request as it is (400: a validation error such as a blocked customer): asking
     * again changes nothing until someone fixes the data in Business Central.
     */
    public boolean isValidationError() {
        return status == 400;
    }

    /** Business Central could not be asked, or stayed throttled or unavailable past the retry budget. */
    public static BusinessCentralException unavailable(String message, Throwable cause) {
        return new BusinessCentralException(0, null, message, cause);
    }
}
