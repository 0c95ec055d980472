/** The app's kline collector and account sync: history kept complete in the database while the app runs. */
package io.cryptogo.examples.app.collect;
